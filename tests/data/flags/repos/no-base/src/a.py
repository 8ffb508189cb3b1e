flag = "beta"
