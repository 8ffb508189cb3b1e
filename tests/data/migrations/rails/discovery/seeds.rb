User.create!
