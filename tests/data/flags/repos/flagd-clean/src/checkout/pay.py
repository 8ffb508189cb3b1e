def pay(client):
    return client.get_boolean_value('new-checkout', False)
