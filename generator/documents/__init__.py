"""Official documents from the records: protocols, plans, extracts, registers, journals,
invitations and annual analyses, in DOCX and ODT through pandoc; import of Word protocols."""
