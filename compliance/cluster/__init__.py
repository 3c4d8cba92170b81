"""Checks on a Dask cluster (`--scheduler tcp://HOST:PORT`): each file's bytes go to a worker,
which checks them as a local run does — in a limited process of its own — and returns the
result. Only our one function is ever sent; documents are data to it, never code."""
