class ChangeOrders < ActiveRecord::Migration[7.1]
  def change
    drop_legacy
  end

  private

  def drop_legacy
    remove_column :orders, :legacy
  end
end
