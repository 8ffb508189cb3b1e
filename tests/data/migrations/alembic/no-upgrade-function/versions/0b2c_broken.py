revision = "0b2c"  # expect: RG205
down_revision = None


def downgrade():
    pass
