"""Shipping options shown at checkout."""


def shipping_options(flags, user):
    options = ["standard"]
    if flags.get_boolean_value("express-shipping", False, user):
        options.append("express")
    return options
