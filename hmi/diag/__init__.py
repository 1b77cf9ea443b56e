"""Developer diagnostics (stack sampler)."""
