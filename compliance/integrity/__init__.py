"""Forms that prove themselves: a serial number (编号) and a QR code holding the form's identity
and a fingerprint of every typed value, so a value changed on paper is found."""
