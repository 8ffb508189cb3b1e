class ChangeOrders < ActiveRecord::Migration[7.1]
  class << self
    def up
      add_index :orders, :note
    end

    def down; end
  end
end
