"""Records of the ЦНППМ association and council: load, validate, check, render, export."""
