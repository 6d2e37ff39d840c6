"""The office's own records, kept apart from generation, in one database: the register of document
numbers (NĐ 30 Điều 15–16), user accounts and roles, and the audit log of every write."""
