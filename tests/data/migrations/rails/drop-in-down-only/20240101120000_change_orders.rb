class ChangeOrders < ActiveRecord::Migration[7.1]
  # DROP TABLE orders; -- just a note
  def up
    say "DROP TABLE orders happens in a later release"
    add_column :orders, :note, :text
    execute "UPDATE orders SET note = 'x' -- DROP TABLE orders"
  end

  def down
    remove_column :orders, :note
    execute "DROP TABLE IF EXISTS orders_backup"
  end
end
