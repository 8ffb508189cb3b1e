class ChangeOrders < ActiveRecord::Migration[7.1]
  def up
    add_column :orders, :note, :text
  end
end
