class ChangeOrders < ActiveRecord::Migration[7.1]
  def up
    Order.where(status: "void").delete_all
  end

  def down
  end
end
