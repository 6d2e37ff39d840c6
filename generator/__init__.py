"""Official documents out: the NĐ 30 .docx engine (wordml/, compose/), the yearly jobs (jobs/) and
the format checker (checker/)."""
