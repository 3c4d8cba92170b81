"""Reading untrusted files: bounded zip access, hardened XML parsing, guarded PDF opening."""
