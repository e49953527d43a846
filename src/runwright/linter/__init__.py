"""The linter: rules over the document model, with profiles, config, suppressions and a cache."""
