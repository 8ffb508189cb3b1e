module MigrationHelpers
  def self.x; end
end
