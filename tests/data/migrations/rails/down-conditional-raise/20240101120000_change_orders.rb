class ChangeOrders < ActiveRecord::Migration[7.1]
  def up
    add_column :orders, :note, :text
  end

  def down
    raise "run the backfill first" unless column_exists?(:orders, :note)
    remove_column :orders, :note
  end
end
