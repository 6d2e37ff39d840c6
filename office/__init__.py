"""The office's own records, kept apart from generation: the register of document numbers (NĐ 30 Điều 15–16)."""
