class ChangeOrders < ActiveRecord::Migration[7.1]
  def change
    execute "SET statement_timeout = 0"
    add_column :orders, :note, :text
  end
end
