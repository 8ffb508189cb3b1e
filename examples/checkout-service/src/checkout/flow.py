"""Checkout flow: the new flow is served only to users the flag selects."""

from openfeature import api

client = api.get_client()


def checkout(cart, user):
    if client.get_boolean_value("new-checkout-flow", False, {"targetingKey": user.id}):
        return new_flow(cart)
    return legacy_flow(cart)


def new_flow(cart):
    return {"total": sum(item.price for item in cart), "flow": "new"}


def legacy_flow(cart):
    return {"total": sum(item.price for item in cart), "flow": "legacy"}
