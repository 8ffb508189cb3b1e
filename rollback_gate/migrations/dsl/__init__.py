"""Ruby and Elixir migration DSLs, read with tree-sitter: Rails and Ecto.

Both are ``change``/``up``/``down`` blocks of schema calls with a recorder that inverts
``change``: ``common`` holds what the two share (issues, finding text, SQL inside
``execute``), ``rubynodes``/``elixirnodes`` the syntax helpers, and each framework its
walker and rules.
"""
