class ChangeOrders < ActiveRecord::Migration[7.1]
  def up
  end

  def down
  end
end
