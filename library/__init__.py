"""The library: the document model, Vietnamese text, the decree's facts, readers, the structure
parser and the stored documents. Imports nothing else of vanban."""
