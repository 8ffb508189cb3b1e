class ChangeOrders < ActiveRecord::Migration[7.1]
  def up = remove_column(:orders, :legacy)
  def down = nil
end
