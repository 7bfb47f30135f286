"""What several Give First plugins need and none of them owns, in one place.

A package of its own, not a Pelican plugin: it is at the top level, outside the
`pelican.plugins` namespace, so Pelican never tries to load it as one.
"""
