"""Report figures: plain data objects filled by SQL aggregation, rendered elsewhere."""
