"""Reading scanned paper: page images, OCR, ruling lines and handwriting, into the positional reader."""
