class ChangeOrders < ActiveRecord::Migration[7.1]
  def change
    change_column :orders, :amount, :decimal, precision: 10, scale: 2
    change_column_default :orders, :status, "new"
    remove_index :orders, name: "index_orders_on_note"
    remove_foreign_key :orders, column: :customer_id
    add_enum_value :order_status, "archived"
    remove_check_constraint :orders, name: "amount_positive"
  end
end
