"""The certificate exam unit view: start, answer against the clock, review, submit, wait for
the grade."""
