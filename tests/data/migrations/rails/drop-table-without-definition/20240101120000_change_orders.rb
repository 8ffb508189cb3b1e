class ChangeOrders < ActiveRecord::Migration[7.1]
  def change
    drop_table :legacy_orders
    drop_table :legacy_items do |t|
      t.string :name
    end
    drop_table :legacy_a, :legacy_b
  end
end
