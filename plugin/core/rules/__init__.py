"""Rule packs and the evaluation engine (pure Python + numpy).

A rule pack is JSON data: per reclaimed use, the factors it depends on and the limits
between grades, each with its source; plus the proposal policy and the land-use codes.
Nothing in a pack is ever executed.
"""
