class ChangeOrders < ActiveRecord::Migration[7.1]
  class Order < ActiveRecord::Base; end

  def up
    Order.where(status: nil).update_all(status: "new")
    execute "UPDATE orders SET note = '' WHERE note IS NULL"
  end

  def down
  end
end
