gb.isOn('everyone')
