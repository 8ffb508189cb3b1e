# mentions beta but not as a literal: beta
