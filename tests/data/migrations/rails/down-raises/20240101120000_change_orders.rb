class ChangeOrders < ActiveRecord::Migration[7.1]
  def up
    remove_column :orders, :legacy
  end

  def down
    raise ActiveRecord::IrreversibleMigration
  end
end
