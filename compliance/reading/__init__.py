"""Reading submitted documents into a neutral model of paragraphs and tables, then into form data."""
