"""Places in the news resolved to GeoNames: gazetteer, candidates and disambiguation (pure)."""
