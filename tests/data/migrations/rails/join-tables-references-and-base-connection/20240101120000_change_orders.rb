class ChangeOrders < ActiveRecord::Migration[7.1]
  def change
    drop_join_table :catalog_products, :catalog_categories
    remove_reference :comments, :commentable, polymorphic: true, index: true
    ActiveRecord::Base.connection.execute("UPDATE orders SET state = 'new'")
  end
end
