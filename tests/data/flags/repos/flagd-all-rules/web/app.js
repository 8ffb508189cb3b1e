if (client.getBooleanValue(`only-on`, false)) { render(); }
