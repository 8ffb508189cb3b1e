class ChangeOrders < ActiveRecord::Migration[7.1]
  def change
    remove_column :orders, :note, :string, null: true
  end
end
