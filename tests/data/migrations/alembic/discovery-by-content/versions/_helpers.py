def drop_everything(op):
    op.drop_table("orders")
