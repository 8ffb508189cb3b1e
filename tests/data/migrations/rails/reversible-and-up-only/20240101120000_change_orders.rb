class ChangeOrders < ActiveRecord::Migration[7.1]
  def change
    add_column :orders, :state, :string
    reversible do |dir|
      dir.up do
        execute "DELETE FROM orders WHERE state = 'void'"
      end
      dir.down { execute "TRUNCATE orders_archive" }
    end
    up_only { execute "UPDATE orders SET state = 'new'" }
    if reverting?
      execute "UPDATE orders SET state = NULL"
    end
  end
end
