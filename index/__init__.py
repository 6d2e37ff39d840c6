"""Full-text search over the library: Vietnamese analysis, the query language, the ranking policy,
two engines and the index's life."""
