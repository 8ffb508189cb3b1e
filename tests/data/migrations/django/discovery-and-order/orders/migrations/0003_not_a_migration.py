# expect: RG205
VALUE = 3
