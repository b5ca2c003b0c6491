"""Pages of the buyer tools. Thin views: parse with a form, read with selectors, shape, render."""
