"""The templates officials edit in Word, their JSON Schemas and the agency profiles: data shipped
with the package (never code), found through `template_dir()`."""
