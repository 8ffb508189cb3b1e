"new-checkout"
