"""Site-wide views: health probes and error pages."""
