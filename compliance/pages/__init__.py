"""What is on paper, below every reader: a file opened safely once and turned into pages.

PDF pages are walked for their drawing (text runs, images and their placement, colours) and drawn
by pdfium when pixels are needed; .docx parts are split into pages by their section and break
rules, with what Word would not show marked by the styles that hide it; pictures and scans are
decoded, and wrapped as PDF pages so every reader sees one kind of page. Reading, seals, the QR
finder and the report's thumbnails take what this package gives; none of them opens a file again.
"""
