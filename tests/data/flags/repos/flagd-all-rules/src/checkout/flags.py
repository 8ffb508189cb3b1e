NEW_CHECKOUT = "new-checkout"
