//! STUB — to be replaced: quoting per shell.
